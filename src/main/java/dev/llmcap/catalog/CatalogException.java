package dev.llmcap.catalog;

/** A catalog file that cannot be read or lacks a required field. */
public class CatalogException extends Exception {
  private static final long serialVersionUID = 1L;

  public CatalogException(String message) {
    super(message);
  }
}
