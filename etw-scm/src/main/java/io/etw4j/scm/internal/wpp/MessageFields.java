package io.etw4j.scm.internal.wpp;

/** The field names of the message table that the decoder gives a meaning to. */
public final class MessageFields {
    /** The service's name (utf16z). */
    public static final String SERVICE_NAME = "serviceName";
    /** The RPC client's process id, as services.exe got it from I_RpcBindingInqLocalClientPID (u32). */
    public static final String CLIENT_PID = "clientPid";
    /** The service's binary path (utf16z). */
    public static final String IMAGE_PATH = "imagePath";
    /** The service control code (u32). */
    public static final String CONTROL_CODE = "controlCode";

    private MessageFields() {
    }
}
