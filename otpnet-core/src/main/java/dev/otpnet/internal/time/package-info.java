/**
 * The library's one time concept, {@link Deadline}: a time-out in milliseconds turned, once per call,
 * into a point on the monotonic clock, asked at every step how much time is left. Immutable values,
 * any thread. Not exported.
 */
package dev.otpnet.internal.time;
