package dev.wireplug.application.status;

/** How {@code status} output is rendered. */
public enum StatusFormatKind { TEXT, JSON }
