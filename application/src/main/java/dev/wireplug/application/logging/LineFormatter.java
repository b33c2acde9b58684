package dev.wireplug.application.logging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per event: {@code 2026-11-25T10:00:00.123Z INFO roaming event=announce peers=2}.
 * Messages are written as key=value pairs by the code that logs them; this only adds time, level
 * and the short logger name, and keeps a stack trace to its first line (systemd's journal and
 * lab logs are read line by line).
 */
public final class LineFormatter extends Formatter {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128);
        line.append(TIME.format(Instant.ofEpochMilli(record.getMillis()))).append(' ')
                .append(level(record)).append(' ')
                .append(shortName(record.getLoggerName())).append(' ')
                .append(formatMessage(record).replace('\n', ' '));
        if (record.getThrown() != null) {
            line.append(" error=\"").append(record.getThrown()).append('"');
        }
        return line.append('\n').toString();
    }

    /** MessageFormat would print a port as "51,820": parameters go in as plain text instead. */
    @Override
    public synchronized String formatMessage(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length == 0) {
            return super.formatMessage(record);
        }
        Object[] plain = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            plain[i] = parameters[i] == null ? "null" : parameters[i].toString();
        }
        LogRecord copy = new LogRecord(record.getLevel(), record.getMessage());
        copy.setParameters(plain);
        copy.setResourceBundle(record.getResourceBundle());
        return super.formatMessage(copy);
    }

    private static String level(LogRecord record) {
        int value = record.getLevel().intValue();
        if (value >= java.util.logging.Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= java.util.logging.Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= java.util.logging.Level.INFO.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }

    private static String shortName(String loggerName) {
        if (loggerName == null) {
            return "-";
        }
        int dot = loggerName.lastIndexOf('.');
        return dot < 0 ? loggerName : loggerName.substring(dot + 1);
    }
}
