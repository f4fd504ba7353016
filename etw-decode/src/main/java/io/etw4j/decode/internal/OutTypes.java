package io.etw4j.decode.internal;

import io.etw4j.decode.MappedValue;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertySchema;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a raw value read by {@link InTypeReader} becomes for its {@link OutType} (tdh.h TDH_OUT_TYPE; the manifest
 * schema's "OutputType Complex Type" page on learn.microsoft.com): an IPv4 or IPv6 address, a port in network byte
 * order, a socket address, a boolean, a value map's names, or the text encoding of an 8-bit string. Out-types not
 * named here leave the value as read. Stateless and thread-safe.
 */
final class OutTypes {
    /** Windows-1252, the ANSI code page manifests and MOF strings are usually written in; Latin-1 if absent. */
    static final Charset ANSI = ansi();

    private OutTypes() {
    }

    /** {@return the charset of an 8-bit string with out-type {@code o}: UTF-8 for {@link OutType#UTF8}, else ANSI} */
    static Charset charset(OutType o) {
        return o == OutType.UTF8 ? StandardCharsets.UTF_8 : ANSI;
    }

    /**
     * {@return integer {@code v} ({@code size} bytes, sign-extended for signed in-types) formatted for {@code prop}}
     * An IPv4 address ({@link OutType#IPV4}, 4 bytes in memory order), a port ({@link OutType#PORT}, 2 bytes in
     * network byte order), the value map's names ({@link MappedValue}), or the integer (every other out-type, BOOLEAN included, is
     * a formatting hint).
     *
     * @param pos the payload offset after the value, for a misfit
     */
    static Object integer(PropertySchema prop, long v, int size, int pos) throws Misfit {
        OutType o = prop.outType();
        if (o == OutType.IPV4 && size == 4) {
            byte[] b = {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
            try {
                return InetAddress.getByAddress(b);
            } catch (UnknownHostException e) {
                throw new Misfit("IPv4 address: " + e.getMessage(), true, pos);
            }
        }
        if (o == OutType.PORT && size == 2) {
            v = ((v & 0xFF) << 8) | ((v >> 8) & 0xFF);
        }
        if (prop.map().isPresent()) {
            return new MappedValue(v, prop.map().get().names(v));
        }
        // Every other out-type (BOOLEAN, HEXINT32, PID, WIN32ERROR ...) is a formatting hint: the value stays the
        // integer its in-type says, so one field has one Java type in every event (PropertySchema.outType()).
        return v;
    }

    /**
     * {@return binary {@code b} formatted for {@code o}: an IPv6 address ({@link OutType#IPV6}, 16 bytes), a socket
     * address ({@link OutType#SOCKETADDRESS}), or the bytes}
     *
     * @param pos the payload offset after the value, for a misfit
     */
    static Object binary(byte[] b, OutType o, int pos) throws Misfit {
        if (o == OutType.IPV6 && b.length == 16) {
            try {
                return InetAddress.getByAddress(b);
            } catch (UnknownHostException e) {
                throw new Misfit("IPv6 address: " + e.getMessage(), true, pos);
            }
        }
        if (o == OutType.SOCKETADDRESS) {
            return socketAddress(b, pos);
        }
        return b;
    }

    /** SOCKADDR_IN (family 2: port, 4-byte address) or SOCKADDR_IN6 (family 23: port, flow, 16 bytes); ws2def.h. */
    private static Object socketAddress(byte[] b, int pos) throws Misfit {
        if (b.length >= 8) {
            int family = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
            int port = (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
            try {
                if (family == 2) {
                    return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(b, 4, 8)), port);
                }
                if (family == 23 && b.length >= 24) {
                    return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(b, 8, 24)), port);
                }
            } catch (UnknownHostException e) {
                throw new Misfit("socket address: " + e.getMessage(), true, pos);
            }
        }
        return b;
    }

    private static Charset ansi() {
        try {
            return Charset.forName("windows-1252");
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
