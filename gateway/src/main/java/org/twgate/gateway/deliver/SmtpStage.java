package org.twgate.gateway.deliver;

/** The point of an SMTP session a reply or fault belongs to, for diagnostics and rules. */
public enum SmtpStage {
    CONNECT("connect"),
    GREETING("greeting"),
    EHLO("EHLO"),
    STARTTLS("STARTTLS"),
    HELO("HELO"),
    RSET("RSET"),
    MAIL("MAIL FROM"),
    RCPT("RCPT TO"),
    DATA("DATA"),
    END_OF_DATA("end of data"),
    QUIT("QUIT"),
    LOCAL("local check");

    private final String label;

    SmtpStage(String label) {
        this.label = label;
    }

    /** How the stage reads in a diagnostic: "in reply to RCPT TO". */
    public String label() {
        return label;
    }
}
