package dev.llmcap.validate;

/** A measurement that could not be scored, with the reason (never dropped silently). */
public record Skip(String id, String reason) {}
