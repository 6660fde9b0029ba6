/**
 * Erlang processes on virtual threads: spawn, link, monitor, exit signals, mailboxes with
 * selective receive, registered names. Entry point: {@link dev.otpnet.process.Proc}.
 */
package dev.otpnet.process;
