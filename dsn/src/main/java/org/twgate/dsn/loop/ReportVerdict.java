package org.twgate.dsn.loop;

/** Whether a message is itself a report, and why. */
public enum ReportVerdict {
    /** An ordinary message: a report about it may be generated. */
    NOT_A_REPORT,
    /** Envelope sender {@code <>}: RFC 5321 §4.5.5, reports and bounces use it. */
    NULL_SENDER,
    /** {@code Content-Type: multipart/report}: an RFC 3462 report (DSN, MDN...). */
    MULTIPART_REPORT,
    /** {@code Auto-Submitted} other than {@code no}: RFC 3834 §5 automatic mail. */
    AUTO_SUBMITTED;

    /** True when no report must be generated about the message. */
    public boolean isReport() {
        return this != NOT_A_REPORT;
    }
}
