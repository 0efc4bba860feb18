import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step (run by the pom with the JDK's source launcher): copies a signed jar into a folder without its signature.
 * The signature files (META-INF/*.SF, *.RSA, *.DSA, *.EC, SIG-*) and the manifest's per-entry digest sections are left
 * out; every other entry (classes, resources, notices) and the manifest's main section are copied unchanged, with their
 * times. A signed jar on the class path makes the JDK hash every entry it reads from it. The copy is written to a
 * temporary file and moved into place, and only when the folder holds no unsigned copy newer than the source (an
 * unchanged file keeps the launcher's start-up archive valid).
 * Usage: java src/build/UnsignedJar.java SIGNED.jar OUTPUT-FOLDER
 */
public final class UnsignedJar {
  private static final Pattern SIGNATURE = Pattern.compile("META-INF/([^/]+\\.(SF|RSA|DSA|EC)|SIG-[^/]+)",
      Pattern.CASE_INSENSITIVE);
  private static final String MANIFEST = "META-INF/MANIFEST.MF";

  private UnsignedJar() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java UnsignedJar.java SIGNED.jar OUTPUT-FOLDER");
      System.exit(2);
    }
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]).resolve(in.getFileName());
    if (Files.isRegularFile(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(in)) >= 0
        && !signed(out)) {
      return;
    }
    Files.createDirectories(out.getParent());
    Path tmp = Files.createTempFile(out.getParent(), ".unsigned", ".tmp");
    try {
      try (ZipFile zip = new ZipFile(in.toFile()); OutputStream os = Files.newOutputStream(tmp);
           ZipOutputStream zos = new ZipOutputStream(os)) {
        ZipEntry manifest = zip.getEntry(MANIFEST);
        if (manifest != null) { // first, as readers of jars expect
          copy(manifest, mainSection(zip, manifest), zos);
        }
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
          ZipEntry entry = e.nextElement();
          if (!entry.getName().equals(MANIFEST) && !SIGNATURE.matcher(entry.getName()).matches()) {
            try (InputStream is = zip.getInputStream(entry)) {
              copy(entry, is.readAllBytes(), zos);
            }
          }
        }
      }
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the temporary file's permissions are the folder's default
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static boolean signed(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().anyMatch(e -> SIGNATURE.matcher(e.getName()).matches());
    } catch (IOException e) {
      return true; // unreadable: write it again
    }
  }

  /** The manifest up to its first empty line (the main attributes), ending with one line break. */
  private static byte[] mainSection(ZipFile zip, ZipEntry manifest) throws IOException {
    String text;
    try (InputStream is = zip.getInputStream(manifest)) {
      text = new String(is.readAllBytes(), StandardCharsets.UTF_8);
    }
    String[] sections = text.split("\r?\n\r?\n|\r\r", 2);
    String eol = text.contains("\r\n") ? "\r\n" : "\n";
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes((sections[0].stripTrailing() + eol + eol).getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }

  private static void copy(ZipEntry from, byte[] bytes, ZipOutputStream zos) throws IOException {
    ZipEntry to = new ZipEntry(from.getName());
    to.setTime(from.getTime());
    zos.putNextEntry(to);
    zos.write(bytes);
    zos.closeEntry();
  }
}
