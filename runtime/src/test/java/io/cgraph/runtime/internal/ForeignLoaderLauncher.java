package io.cgraph.runtime.internal;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

/**
 * Starts an application the way {@code mvn exec:java} does: this JVM's class path holds only this
 * class (Maven's launcher, there), and the application with cgraph is loaded by a class loader of
 * its own, which is also the main thread's context loader. JDK classes only: it is copied alone into
 * a directory that becomes the child JVM's class path.
 *
 * <p>Arguments: the application's class path, its main class, then its arguments.
 */
public final class ForeignLoaderLauncher {
  private ForeignLoaderLauncher() {}

  public static void main(String[] args) throws Exception {
    String[] files = args[0].split(File.pathSeparator);
    URL[] urls = new URL[files.length];
    for (int i = 0; i < files.length; i++) {
      urls[i] = new File(files[i]).toURI().toURL();
    }
    URLClassLoader app = new URLClassLoader("app", urls, ClassLoader.getPlatformClassLoader());
    Thread.currentThread().setContextClassLoader(app);
    try {
      app.loadClass(args[1]).getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }
}
