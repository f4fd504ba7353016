/**
 * The SCM WPP messages: the message table ({@code MessageTable}, parsed by {@code MessageTableParser}; the shipped
 * {@code scm-wpp-messages.properties} with the evidence of each entry), the decoder that matches a record's payload
 * to its candidate layouts ({@code ScmWppDecoder}, {@code PayloadScan}) and the typed events it gives
 * ({@code WppEvents}). Not API.
 */
package io.etw4j.scm.internal.wpp;
