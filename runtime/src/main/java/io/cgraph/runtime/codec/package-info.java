/** Internal: how values are laid out in a slot ({@code SlotWriter}, {@code SlotReader}) and how a failure crosses a channel. */
package io.cgraph.runtime.codec;
