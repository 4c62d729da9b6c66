package dev.spoq.cloud.admin;

import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

public final class Accounts extends AdminBean implements AccountsMBean {

    private static final String[] ITEMS = {"user_id", "email", "subdomain", "subscription_status", "created_at",
            "computer_id", "computer_status", "computer_reason", "node"};
    private static final CompositeType TYPE = type();

    Accounts(AdminOperations operations) {
        super(operations);
    }

    @Override
    public CompositeData lookup(String emailOrSubdomain) {
        AccountSummary a = call(() -> operations.lookup(emailOrSubdomain));
        Object[] values = {String.valueOf(a.userId()), a.email(), a.subdomain(), a.subscriptionStatus(),
                String.valueOf(a.createdAt()), a.computerId() == null ? "" : a.computerId().toString(),
                nonNull(a.computerStatus()), nonNull(a.computerReason()), nonNull(a.node())};
        try {
            return new CompositeDataSupport(TYPE, ITEMS, values);
        } catch (OpenDataException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    @Override
    public String describe(String emailOrSubdomain) {
        return call(() -> operations.lookup(emailOrSubdomain)).readable();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static CompositeType type() {
        OpenType<?>[] types = new OpenType<?>[ITEMS.length];
        java.util.Arrays.fill(types, SimpleType.STRING);
        try {
            return new CompositeType("dev.spoq.cloud.Account", "A Spoq Cloud account and its computer", ITEMS, ITEMS, types);
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
