package dev.spoq.cloud.admin;

public final class Computers extends AdminBean implements ComputersMBean {

    Computers(AdminOperations operations) {
        super(operations);
    }

    @Override
    public String suspend(String emailOrSubdomain) {
        return call(() -> operations.suspend(emailOrSubdomain));
    }

    @Override
    public String resume(String emailOrSubdomain) {
        return call(() -> operations.resume(emailOrSubdomain));
    }

    @Override
    public String reprovision(String emailOrSubdomain) {
        return call(() -> operations.reprovision(emailOrSubdomain));
    }

    @Override
    public String delete(String emailOrSubdomain) {
        return call(() -> operations.delete(emailOrSubdomain));
    }
}
