package io.cgraph.runtime.workers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what workers write to the driver's log (logger io.cgraph.runtime.worker). */
final class WorkerLog extends Handler implements AutoCloseable {
  private static final Logger LOGGER = Logger.getLogger("io.cgraph.runtime.worker");
  final List<String> lines = new CopyOnWriteArrayList<>();

  WorkerLog() {
    LOGGER.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(record.getMessage());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    LOGGER.removeHandler(this);
  }
}
