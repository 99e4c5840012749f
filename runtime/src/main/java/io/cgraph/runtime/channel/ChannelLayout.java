package io.cgraph.runtime.channel;

/**
 * The byte layout of a channel file: the one place that knows it. All values little-endian.
 *
 * <pre>
 * header (HEADER_BYTES rounded up to a page):
 *   0   long  MAGIC                 8  int VERSION       12 int ringSize
 *   16  int   slot stride          20  int reader count  24 long generation
 *   32  int   payload capacity
 *   64  long  writer cursor (last published sequence), alone on its cache line
 *   128 + 128*r: reader r's two cache lines: long consumed cursor (last released sequence) on the
 *                first, int parked flag alone on the second (the reader stores its cursor once per
 *                batch while the writer reads the flag after every publish: on one line, each publish
 *                missed the cache)
 * slots, ringSize of them, each {@code stride} bytes (a multiple of 64), slot of seq = seq % ringSize:
 *   0 long seq (written last, with a release store: the publish)   8 int status   12 int length
 *   16 payload (length bytes)
 * </pre>
 *
 * <p>A slot's {@code seq} starts at {@code -1} (nothing published). Status {@link #MOVED} means the
 * ring grew: the payload holds the generation number (long) of the file that holds this sequence
 * and all later ones.
 */
final class ChannelLayout {
  static final long MAGIC = 0x4843485041524743L; // "CGRAPHCH" read as a little-endian long
  static final int VERSION = 2;

  static final int CACHE_LINE = 64;
  static final int PAGE = 4096;

  static final int MAGIC_OFFSET = 0;
  static final int VERSION_OFFSET = 8;
  static final int RING_SIZE_OFFSET = 12;
  static final int STRIDE_OFFSET = 16;
  static final int READERS_OFFSET = 20;
  static final int GENERATION_OFFSET = 24;
  static final int CAPACITY_OFFSET = 32;
  static final int WRITER_CURSOR_OFFSET = 64;
  static final int READER_LINES_OFFSET = 128;
  static final int READER_CURSOR = 0;
  static final int READER_PARKED = 64;
  /** The bytes of one reader's lines: its cursor, then its parked flag, each on a cache line of its own. */
  static final int READER_LINES = 2 * 64;

  static final int SLOT_SEQ = 0;
  static final int SLOT_STATUS = 8;
  static final int SLOT_LENGTH = 12;
  static final int SLOT_PAYLOAD = 16;

  static final int VALUE = 1;
  static final int FAILURE = 2;
  static final int MOVED = 3;

  /** No sequence: the initial value of slot sequences and cursors. */
  static final long NONE = -1;

  /** The largest slot stride (payload plus slot header), so that it stays an {@code int}. */
  static final int MAX_STRIDE = Integer.MAX_VALUE & -CACHE_LINE;

  private ChannelLayout() {}

  static long headerBytes(int readers) {
    return roundUp(READER_LINES_OFFSET + (long) READER_LINES * readers, PAGE);
  }

  static long readerLine(int reader) {
    return READER_LINES_OFFSET + (long) READER_LINES * reader;
  }

  /** The stride of a slot whose payload must hold at least {@code payloadBytes}. */
  static long strideFor(long payloadBytes) {
    return roundUp(SLOT_PAYLOAD + payloadBytes, CACHE_LINE);
  }

  static long fileBytes(int readers, int ringSize, int stride) {
    return headerBytes(readers) + (long) ringSize * stride;
  }

  static long roundUp(long n, int to) {
    return (n + to - 1) / to * to;
  }
}
