package io.pma.notify;

/**
 * A notification as a sender asks for it; {@code userId} null sends it to everyone. {@code source}
 * says who sent it ({@code system}, {@code automation:<id>}, {@code user:<name>}).
 */
public record NotificationDraft(String title, String message, String level, String source,
    String userId) {}
