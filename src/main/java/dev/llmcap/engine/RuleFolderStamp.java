package dev.llmcap.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a rules folder's files hashed to last time, kept beside the compiled-rule cache with each file's size,
 * modification and status-change times and file identity (device and inode), so a run whose files are all unchanged
 * does not read and hash ~0.5 MB of DRL again. Trusted only when every file's recorded status equals its status now and
 * every recorded time is older than the moment the files were examined by a safety margin: file times are coarse (a
 * few milliseconds on Linux, seconds on some file systems), so a file written in the same tick as it was read could be
 * written again without any of its times changing; such a file is hashed on every run until it has settled. An edit
 * that keeps a file's size and resets its modification time still changes its status-change time, which no program can
 * set. A stamp that fails its checksum or cannot be parsed is ignored (the folder is read and hashed, and the stamp
 * rewritten); a file system without status-change times or file identities (the JDK's "unix" attribute view) never uses
 * a stamp. Written atomically, like the cache files.
 */
final class RuleFolderStamp {
  /** First field of a stamp: its format. */
  private static final String FORMAT = "llmcap-rules-stamp-1";
  /** How much older than the examination every recorded file time must be (file times are coarse). */
  static volatile long settleMillis = 2_000;

  private RuleFolderStamp() {}

  /** One rule file's status: path relative to the folder, size, modification and status-change times, identity. */
  record FileStatus(String file, long size, long modifiedNanos, long changedNanos, String identity) {
    /** Field by field (a record's generated equals is linked on first use, which costs more than this whole check). */
    boolean same(FileStatus o) {
      return size == o.size && modifiedNanos == o.modifiedNanos && changedNanos == o.changedNanos
          && file.equals(o.file) && identity.equals(o.identity);
    }
  }

  /**
   * What the folder's files hashed to: the folder hash, each file's DRL package (in file order), each package's hash
   * (in package order) and the assumptions the rules name outright with their first use (see {@link RequiredAssumptions}).
   */
  record Digest(String hash, Map<String, String> packageOfFile, Map<String, String> packageHashes,
      Map<String, String> requiredAssumptions) {}

  /** The status of each file (relative names in the given order), or empty when the file system cannot give all of it. */
  static Optional<List<FileStatus>> statuses(Path dir, List<String> files) {
    List<FileStatus> out = new ArrayList<>(files.size());
    try {
      for (String rel : files) {
        Map<String, Object> a = Files.readAttributes(dir.resolve(rel), "unix:size,lastModifiedTime,ctime,ino,dev");
        Object size = a.get("size");
        Object modified = a.get("lastModifiedTime");
        Object changed = a.get("ctime");
        Object ino = a.get("ino");
        Object dev = a.get("dev");
        if (!(size instanceof Long) || !(modified instanceof FileTime) || !(changed instanceof FileTime) || ino == null || dev == null) {
          return Optional.empty();
        }
        out.add(new FileStatus(rel, (Long) size, ((FileTime) modified).to(TimeUnit.NANOSECONDS),
            ((FileTime) changed).to(TimeUnit.NANOSECONDS), dev + ":" + ino));
      }
    } catch (IOException | RuntimeException e) { // no "unix" view (UnsupportedOperationException), a file gone...
      return Optional.empty();
    }
    return Optional.of(out);
  }

  /** Whether every file's times are older than the examination by the margin (only then may a stamp be written or trusted). */
  static boolean settled(List<FileStatus> statuses, long examinedAtMillis) {
    long limit = TimeUnit.MILLISECONDS.toNanos(examinedAtMillis - settleMillis);
    for (FileStatus s : statuses) {
      if (s.modifiedNanos() >= limit || s.changedNanos() >= limit) {
        return false;
      }
    }
    return true;
  }

  /** The stamp file of a rules folder (by a hash of its absolute path), or empty when caching is off or has no home. */
  static Optional<Path> file(Path dir) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(dir.toString().getBytes(StandardCharsets.UTF_8));
      return CompiledRuleCache.stampFile(HexFormat.of().formatHex(d));
    } catch (NoSuchAlgorithmException e) {
      return Optional.empty();
    }
  }

  /** The digest recorded for exactly these file statuses, or empty (no stamp, damaged, other files or times, unsettled). */
  static Optional<Digest> read(Path stamp, List<FileStatus> now) {
    try {
      Optional<byte[]> payload = CompiledRuleCache.readChecked(stamp);
      if (payload.isEmpty()) {
        return Optional.empty();
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload.get()));
      if (!FORMAT.equals(in.readUTF())) {
        return Optional.empty();
      }
      long examinedAt = in.readLong();
      int files = in.readInt();
      if (files != now.size()) {
        return Optional.empty();
      }
      Map<String, String> packageOfFile = new LinkedHashMap<>();
      List<FileStatus> recorded = new ArrayList<>(files);
      for (int i = 0; i < files; i++) {
        FileStatus s = new FileStatus(in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readUTF());
        if (!s.same(now.get(i))) {
          return Optional.empty();
        }
        recorded.add(s);
        packageOfFile.put(s.file(), in.readUTF());
      }
      if (!settled(recorded, examinedAt)) {
        return Optional.empty();
      }
      String hash = in.readUTF();
      Map<String, String> packageHashes = readMap(in);
      Map<String, String> required = readMap(in);
      if (in.read() != -1) {
        return Optional.empty();
      }
      return Optional.of(new Digest(hash, packageOfFile, packageHashes, required));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Records the digest of files with these statuses, examined at the given time; nothing when a file has not settled. */
  static void write(Path stamp, long examinedAtMillis, List<FileStatus> statuses, Digest digest) {
    if (!settled(statuses, examinedAtMillis)) {
      return;
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF(FORMAT);
      out.writeLong(examinedAtMillis);
      out.writeInt(statuses.size());
      for (FileStatus s : statuses) {
        out.writeUTF(s.file());
        out.writeLong(s.size());
        out.writeLong(s.modifiedNanos());
        out.writeLong(s.changedNanos());
        out.writeUTF(s.identity());
        out.writeUTF(digest.packageOfFile().get(s.file()));
      }
      out.writeUTF(digest.hash());
      writeMap(out, digest.packageHashes());
      writeMap(out, digest.requiredAssumptions());
      out.flush();
      CompiledRuleCache.write(stamp, bytes.toByteArray());
    } catch (IOException | RuntimeException e) {
      // the stamp only saves time: without it the next run reads and hashes the folder
    }
  }

  private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
    out.writeInt(map.size());
    for (Map.Entry<String, String> e : map.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  private static Map<String, String> readMap(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative count");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      map.put(in.readUTF(), in.readUTF());
    }
    return map;
  }
}
