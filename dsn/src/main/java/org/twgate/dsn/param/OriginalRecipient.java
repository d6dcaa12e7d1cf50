package org.twgate.dsn.param;

import java.util.Locale;

/**
 * The RFC 3461 §4.2 {@code ORCPT}: {@code addr-type;xtext}, the recipient as the sender first
 * gave it. {@code rfc822} addresses are xtext; {@code utf-8} ones (RFC 6533) use
 * {@code \x{HEX}} escapes; other types are kept as xtext.
 *
 * @param addressType    lower-cased address type, e.g. {@code rfc822}
 * @param address        the decoded address
 * @param parameterValue the value as received, passed on unchanged to a DSN-aware next hop
 */
public record OriginalRecipient(String addressType, String address, String parameterValue) {

    /** RFC 3461 §4.2: the ORCPT parameter value must not exceed 500 characters. */
    public static final int MAX_LENGTH = 500;

    public static OriginalRecipient parse(String value) throws SmtpArgumentException {
        if (value.length() > MAX_LENGTH) {
            throw SmtpArgumentException.badParameter("ORCPT longer than " + MAX_LENGTH
                    + " characters (" + value.length() + "): " + SmtpArgumentException.quote(value));
        }
        int semi = value.indexOf(';');
        if (semi < 0) {
            throw SmtpArgumentException.badParameter("ORCPT must be addr-type;address: "
                    + SmtpArgumentException.quote(value));
        }
        String type = value.substring(0, semi);
        if (type.isEmpty() || !type.chars().allMatch(c -> c < 0x80
                && (Character.isLetterOrDigit(c) || c == '-'))) {
            throw SmtpArgumentException.badParameter("Bad ORCPT address type "
                    + SmtpArgumentException.quote(type));
        }
        type = type.toLowerCase(Locale.ROOT);
        String encoded = value.substring(semi + 1);
        String address = type.equals("utf-8")
                ? Utf8AddrXtext.decode(encoded, "ORCPT")
                : Xtext.decode(encoded, "ORCPT");
        if (address.isEmpty()) {
            throw SmtpArgumentException.badParameter("ORCPT has no address: "
                    + SmtpArgumentException.quote(value));
        }
        if (address.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw SmtpArgumentException.badParameter("ORCPT decodes to a control character: "
                    + SmtpArgumentException.quote(value));
        }
        return new OriginalRecipient(type, address, value);
    }

    /**
     * The ORCPT the gateway adds for a recipient that came without one (RFC 3461 §5.2.1):
     * {@code rfc822} for ASCII addresses, {@code utf-8} otherwise.
     */
    public static OriginalRecipient of(String address) {
        boolean ascii = address.chars().allMatch(c -> c < 0x80);
        String type = ascii ? "rfc822" : "utf-8";
        String encoded = ascii ? Xtext.encode(address) : Utf8AddrXtext.encode(address);
        return new OriginalRecipient(type, address, type + ";" + encoded);
    }

    /**
     * The field value for a {@code message/delivery-status} part: the address decoded for
     * {@code rfc822}, and in its all-ASCII escaped form for {@code utf-8} (RFC 6533 §3).
     */
    public String reportValue() {
        return addressType + "; " + (addressType.equals("utf-8") ? Utf8AddrXtext.encode(address) : address);
    }
}
