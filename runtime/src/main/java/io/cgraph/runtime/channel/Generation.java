package io.cgraph.runtime.channel;

import static io.cgraph.runtime.channel.ChannelLayout.CAPACITY_OFFSET;
import static io.cgraph.runtime.channel.ChannelLayout.GENERATION_OFFSET;
import static io.cgraph.runtime.channel.ChannelLayout.MAGIC;
import static io.cgraph.runtime.channel.ChannelLayout.MAGIC_OFFSET;
import static io.cgraph.runtime.channel.ChannelLayout.NONE;
import static io.cgraph.runtime.channel.ChannelLayout.READERS_OFFSET;
import static io.cgraph.runtime.channel.ChannelLayout.READER_CURSOR;
import static io.cgraph.runtime.channel.ChannelLayout.READER_PARKED;
import static io.cgraph.runtime.channel.ChannelLayout.RING_SIZE_OFFSET;
import static io.cgraph.runtime.channel.ChannelLayout.SLOT_PAYLOAD;
import static io.cgraph.runtime.channel.ChannelLayout.SLOT_SEQ;
import static io.cgraph.runtime.channel.ChannelLayout.STRIDE_OFFSET;
import static io.cgraph.runtime.channel.ChannelLayout.VERSION;
import static io.cgraph.runtime.channel.ChannelLayout.VERSION_OFFSET;
import static io.cgraph.runtime.channel.ChannelLayout.WRITER_CURSOR_OFFSET;
import static net.openhft.chronicle.core.UnsafeMemory.MEMORY;

import io.cgraph.runtime.CGraphException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;

/**
 * One ring file of a channel ({@code dir/<name>.<generation>}), mapped with Chronicle Bytes and
 * accessed through its raw address. A channel starts with generation 0 and adds one each time a
 * message outgrows the slots.
 */
final class Generation implements ReferenceOwner {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  final long number;
  final Path path;
  final int ringSize;
  /** {@code ringSize - 1} when it is a power of two, else -1. */
  private final long mask;
  final int stride;
  final int payloadCapacity;
  final int readers;
  private final long slots;
  private final long address;
  private final MappedFile file;
  /**
   * Beside each slot that holds a failure written in this JVM: what was thrown, and the sequence it
   * belongs to (so a stale entry is never returned). Heap only; another process sees just the bytes.
   */
  private final Throwable[] originals;
  private final long[] originalSeqs;
  private final MappedBytesStore store;

  private Generation(long number, Path path, int ringSize, int stride, int readers, MappedFile file)
      throws IOException {
    this.number = number;
    this.path = path;
    this.ringSize = ringSize;
    this.mask = Integer.bitCount(ringSize) == 1 ? ringSize - 1 : -1;
    this.stride = stride;
    this.payloadCapacity = stride - SLOT_PAYLOAD;
    this.readers = readers;
    this.file = file;
    this.store = file.acquireByteStore(this, 0);
    this.store.singleThreadedCheckDisabled(true);
    this.address = store.addressForWrite(0);
    this.slots = address + ChannelLayout.headerBytes(readers);
    this.originals = new Throwable[ringSize];
    this.originalSeqs = new long[ringSize];
  }

  /** Keeps {@code thrown} beside the slot of {@code seq}; called before the slot is published. */
  void keepOriginal(long seq, Throwable thrown) {
    int i = index(seq);
    originals[i] = thrown;
    originalSeqs[i] = seq;
  }

  /** What was kept beside the slot of {@code seq}, or null. */
  Throwable original(long seq) {
    int i = index(seq);
    Throwable t = originals[i];
    return t != null && originalSeqs[i] == seq ? t : null;
  }

  private int index(long seq) {
    return (int) (mask >= 0 ? seq & mask : seq % ringSize);
  }

  /**
   * Creates, maps and initialises {@code dir/name.number} (mode 0600): every slot empty, every
   * reader cursor at {@code readerCursor}.
   */
  static Generation create(Path dir, String name, long number, int ringSize, int stride, int readers,
      long readerCursor) {
    Path path = dir.resolve(name + "." + number);
    long size = ChannelLayout.fileBytes(readers, ringSize, stride);
    try {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (IOException | UnsupportedOperationException e) {
      throw new CGraphException("cannot create channel file " + path + ": " + e
          + " (the channel directory must exist, be writable, support POSIX permissions and not be shared with"
          + " another graph)", e);
    }
    reserve(path, size, name, ringSize, stride);
    MappedFile file = null;
    try {
      file = MappedFile.ofSingle(path.toFile(), size, false);
      file.singleThreadedCheckDisabled(true);
      Generation g = new Generation(number, path, ringSize, stride, readers, file);
      g.initialise(readerCursor);
      return g;
    } catch (IOException | RuntimeException e) {
      if (file != null) {
        file.releaseLast();
      }
      deleteQuietly(path);
      throw new CGraphException("cannot map channel file " + path + " (" + size + " bytes): " + e
          + " (is there enough space in the channel directory?)", e);
    }
  }

  /**
   * Writes every page of the new file before it is mapped, so that a full file system (a full
   * tmpfs) fails here with an error that says so, instead of a SIGBUS on the first touch of a page
   * (which the JVM reports as an {@code InternalError} from wherever the memory was touched).
   */
  private static void reserve(Path path, long size, String name, int ringSize, int stride) {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
      ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(size, 1 << 20));
      for (long at = 0; at < size; ) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
        at += ch.write(zeros, at);
      }
    } catch (IOException e) {
      deleteQuietly(path);
      throw new CGraphException("the channel directory " + path.getParent() + " is full: channel " + name + " needs "
          + size + " bytes for a ring of " + ringSize + " slots of " + stride + " bytes (" + e.getMessage() + ");"
          + " free space there, send smaller values, or put the channels elsewhere with GraphOptions.withChannelDir",
          e);
    }
  }

  /**
   * Maps an existing ring file {@code dir/name.number} that another process created, after
   * checking its header (magic, version, generation number, and a size that matches its shape).
   */
  static Generation open(Path dir, String name, long number) {
    Path path = dir.resolve(name + "." + number);
    MappedFile file = null;
    try {
      long size = Files.size(path);
      if (size < ChannelLayout.PAGE) {
        throw new CGraphException("channel file " + path + " is too small (" + size + " bytes) to hold a header");
      }
      file = MappedFile.ofSingle(path.toFile(), size, false);
      file.singleThreadedCheckDisabled(true);
      // Map with a provisional shape, read the real one from the header, then map again with it.
      Generation probe = new Generation(number, path, 1, ChannelLayout.CACHE_LINE, 1, file);
      long a = probe.address;
      long magic = MEMORY.readVolatileLong(a + MAGIC_OFFSET);
      int version = MEMORY.readInt(a + VERSION_OFFSET);
      int ringSize = MEMORY.readInt(a + RING_SIZE_OFFSET);
      int stride = MEMORY.readInt(a + STRIDE_OFFSET);
      int readers = MEMORY.readInt(a + READERS_OFFSET);
      long gen = MEMORY.readLong(a + GENERATION_OFFSET);
      probe.store.release(probe);
      if (magic != MAGIC || version != VERSION || gen != number || ringSize < 1 || readers < 1 || stride < SLOT_PAYLOAD
          || stride % ChannelLayout.CACHE_LINE != 0 || ChannelLayout.fileBytes(readers, ringSize, stride) > size) {
        throw new CGraphException("channel file " + path + " has no valid cgraph channel header (magic "
            + Long.toHexString(magic) + ", version " + version + ", generation " + gen + ", ring " + ringSize
            + " x " + stride + ", " + readers + " readers, " + size + " bytes)");
      }
      return new Generation(number, path, ringSize, stride, readers, file);
    } catch (IOException | RuntimeException e) {
      if (file != null) {
        file.releaseLast();
      }
      if (e instanceof CGraphException c) {
        throw c;
      }
      throw new CGraphException("cannot open channel file " + path + ": " + e, e);
    }
  }

  private void initialise(long readerCursor) {
    for (int i = 0; i < ringSize; i++) {
      MEMORY.writeLong(slots + (long) i * stride + SLOT_SEQ, NONE);
    }
    for (int r = 0; r < readers; r++) {
      MEMORY.writeLong(readerCursor(r), readerCursor);
      MEMORY.writeInt(readerParked(r), 0);
    }
    MEMORY.writeLong(writerCursor(), readerCursor);
    MEMORY.writeInt(address + VERSION_OFFSET, VERSION);
    MEMORY.writeInt(address + RING_SIZE_OFFSET, ringSize);
    MEMORY.writeInt(address + STRIDE_OFFSET, stride);
    MEMORY.writeInt(address + READERS_OFFSET, readers);
    MEMORY.writeLong(address + GENERATION_OFFSET, number);
    MEMORY.writeInt(address + CAPACITY_OFFSET, payloadCapacity);
    MEMORY.writeOrderedLong(address + MAGIC_OFFSET, MAGIC);
  }

  /** The address of the slot that holds {@code seq} (a mask instead of a division when the ring is a power of two). */
  long slot(long seq) {
    return slots + (long) index(seq) * stride;
  }

  long writerCursor() {
    return address + WRITER_CURSOR_OFFSET;
  }

  /** Reader {@code reader} is elsewhere: its cursor is pinned past every sequence, so it never holds the writer back. */
  void exclude(int reader) {
    MEMORY.writeOrderedLong(readerCursor(reader), Long.MAX_VALUE);
  }

  boolean isExcluded(int reader) {
    return MEMORY.readVolatileLong(readerCursor(reader)) == Long.MAX_VALUE;
  }

  long readerCursor(int reader) {
    return address + ChannelLayout.readerLine(reader) + READER_CURSOR;
  }

  long readerParked(int reader) {
    return address + ChannelLayout.readerLine(reader) + READER_PARKED;
  }

  /**
   * Unmaps the file; its address must not be used afterwards. Chronicle's single mapped file creates
   * its store with a reference of its own that it gives back only under {@code -DmappedFile.retain}
   * (without it, the mapping and its /dev/shm pages stayed until the JVM exited: 3 mappings per closed
   * graph), so that reference is released here too.
   */
  void unmap() {
    store.release(this);
    if (store.refCount() > 0) {
      try {
        store.release(file);
      } catch (IllegalStateException e) {
        // not held by the file in this Chronicle version: nothing more to release
      }
    }
    file.releaseLast();
  }

  /** Deletes the file (a mapping of it stays valid until unmapped). */
  void delete() {
    deleteQuietly(path);
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Nothing more can be done: the directory is owner-only and the caller removes it.
    }
  }

  @Override
  public String toString() {
    return path.getFileName() + "[ring " + ringSize + " x " + payloadCapacity + " bytes]";
  }
}
