package dev.spoq.cloud.admin;

import dev.spoq.cloud.provisioning.QueuedCommand;

public final class Provisioning extends AdminBean implements ProvisioningMBean {

    Provisioning(AdminOperations operations) {
        super(operations);
    }

    @Override
    public int getQueueDepth() {
        return call(operations::queueDepth);
    }

    @Override
    public int getParkedCount() {
        return call(() -> operations.parkedCommands().size());
    }

    @Override
    public String[] getParkedCommands() {
        return call(() -> operations.parkedCommands().stream().map(Provisioning::line).toArray(String[]::new));
    }

    @Override
    public int requeueParked() {
        return call(operations::requeueParked);
    }

    @Override
    public int reconcileNow() {
        return call(operations::reconcileNow);
    }

    private static String line(QueuedCommand command) {
        return command.action() + " " + command.subdomain() + " (" + command.userId() + ")";
    }
}
