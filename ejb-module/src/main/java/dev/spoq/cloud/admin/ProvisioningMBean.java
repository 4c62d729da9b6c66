package dev.spoq.cloud.admin;

/** dev.spoq.cloud:type=Provisioning — the provisioning queue, its parked commands, and the reconciler. */
public interface ProvisioningMBean {

    /** Commands waiting on spoq.provisioning (delayed retries are not counted until they are due). */
    int getQueueDepth();

    /** Commands that failed every redelivery and wait on spoq.provisioning.failed. */
    int getParkedCount();

    /** The parked commands, one "action subdomain (user id)" each. */
    String[] getParkedCommands();

    /** Puts the parked commands back on the queue; returns how many. */
    int requeueParked();

    /** Runs a reconciler pass now; returns how many commands it sent. */
    int reconcileNow();
}
