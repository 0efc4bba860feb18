package dev.llmcap.cli;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The nearest known name to a mistyped one, for "did you mean": within an edit distance of a third of its length (at
 * least 2), a known name it begins or ends with (--output for --out), or a known name made of the same words in another
 * order, plurals and "count" / "number" / "num" read as one word (--gpu-count for --num-gpus).
 */
final class DidYouMean {
  private DidYouMean() {}

  static Optional<String> closest(String typed, Collection<String> known) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    int limit = Math.max(2, typed.length() / 3);
    return known.stream()
        .filter(k -> distance.apply(typed, k) <= limit || (typed.length() >= 3 && k.startsWith(typed))
            || (k.length() >= 3 && typed.startsWith(k)) || sameWords(typed, k))
        .min(Comparator.comparingInt((String k) -> distance.apply(typed, k)).thenComparing(Comparator.naturalOrder()));
  }

  private static boolean sameWords(String typed, String known) {
    Set<String> words = words(typed);
    return words.size() > 1 && words.equals(words(known));
  }

  private static Set<String> words(String flag) {
    return Arrays.stream(flag.split("-")).filter(w -> !w.isEmpty()).map(DidYouMean::word).collect(Collectors.toCollection(TreeSet::new));
  }

  private static String word(String w) {
    if (w.equals("count") || w.equals("number") || w.equals("num")) {
      return "num";
    }
    return w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
  }
}
