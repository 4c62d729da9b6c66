package dev.spoq.cloud.admin;

import jakarta.ejb.EJBException;

import java.util.function.Supplier;

/**
 * What the MBeans share: they run on the JMX connector's threads, so each call gets the application's class loader
 * for its duration, and only JDK exception types leave it (a remote JMX client has none of ours, nor the EJB API).
 */
abstract class AdminBean {

    final AdminOperations operations;

    AdminBean(AdminOperations operations) {
        this.operations = operations;
    }

    <T> T call(Supplier<T> operation) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(AdminBean.class.getClassLoader());
        try {
            return operation.get();
        } catch (Refused e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (EJBException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IllegalArgumentException) {
                throw new IllegalArgumentException(cause.getMessage());
            }
            throw new IllegalStateException(cause.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
