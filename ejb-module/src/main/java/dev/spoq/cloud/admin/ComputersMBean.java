package dev.spoq.cloud.admin;

/** dev.spoq.cloud:type=Computers — what an operator does to an account's computer; each answers the new status. */
public interface ComputersMBean {

    String suspend(String emailOrSubdomain);

    String resume(String emailOrSubdomain);

    String reprovision(String emailOrSubdomain);

    String delete(String emailOrSubdomain);
}
