package io.cgraph.gpu;

import io.cgraph.runtime.internal.SlotReader;
import io.cgraph.runtime.internal.SlotWriter;

/**
 * One channel slot in native memory, driven the way the channel layer drives it: attach a writer,
 * encode, publish (copy a spilled message into place), attach a reader, decode.
 */
final class Slot implements AutoCloseable {
  private final int capacity;
  private long address;
  private long published;
  private int length;
  final SlotWriter writer = new SlotWriter();
  final SlotReader reader = new SlotReader();

  Slot(int capacity) {
    this.capacity = capacity;
    this.address = HostMemory.allocate(capacity);
  }

  /** Starts a new message. */
  SlotWriter begin() {
    writer.attach(address, capacity);
    return writer;
  }

  /** Ends the message and returns a reader over it (the same bytes every reader sees). */
  SlotReader publish() {
    length = writer.length();
    freePublished();
    if (writer.spilled()) {
      published = HostMemory.allocate(length);
      writer.copyTo(published);
    }
    writer.detach();
    return read();
  }

  /** A reader at the start of the published message (one per reading call, as fan-out readers each decode it). */
  SlotReader read() {
    reader.attach(published != 0 ? published : address, length, false);
    return reader;
  }

  /** The published message's bytes, to carry to another process. */
  byte[] bytes() {
    byte[] b = new byte[length];
    HostMemory.copy(null, published != 0 ? published : address, b, byteBase(), length);
    return b;
  }

  /** Publishes {@code message} (bytes from another process's slot) and returns a reader over it. */
  SlotReader load(byte[] message) {
    if (message.length > capacity) {
      throw new IllegalArgumentException("message of " + message.length + " bytes exceeds the slot");
    }
    HostMemory.copy(message, byteBase(), null, address, message.length);
    length = message.length;
    freePublished();
    return read();
  }

  private static long byteBase() {
    return HostMemory.byteBase();
  }

  private void freePublished() {
    if (published != 0) {
      HostMemory.free(published);
      published = 0;
    }
  }

  @Override
  public void close() {
    reader.detach();
    freePublished();
    if (address != 0) {
      HostMemory.free(address);
      address = 0;
    }
  }
}
