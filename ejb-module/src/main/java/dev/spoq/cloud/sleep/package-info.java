/**
 * Computers that sleep: a running computer with no SSH session whose CPU stays under
 * {@code spoq.idle.cpu-threshold} for {@code spoq.idle.suspend-after-minutes} is stopped with its files kept
 * (status {@code sleeping}); the next SSH login or the dashboard wakes it. {@link IdleWatch} looks, {@link IdleRule}
 * decides, {@link ComputerActivity} records use, and {@code ContainerLifecycle} changes the status.
 */
package dev.spoq.cloud.sleep;
