package dev.llmcap.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The nearest known name to a mistyped one, for "did you mean": within an edit distance of a third of its length (at
 * least 2), or a known name it begins or ends with (--output for --out).
 */
final class DidYouMean {
  private DidYouMean() {}

  static Optional<String> closest(String typed, Collection<String> known) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    int limit = Math.max(2, typed.length() / 3);
    return known.stream()
        .filter(k -> distance.apply(typed, k) <= limit || (typed.length() >= 3 && k.startsWith(typed))
            || (k.length() >= 3 && typed.startsWith(k)))
        .min(Comparator.comparingInt((String k) -> distance.apply(typed, k)).thenComparing(Comparator.naturalOrder()));
  }
}
