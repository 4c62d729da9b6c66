package dev.spoq.cloud.admin;

import javax.management.openmbean.CompositeData;

/** dev.spoq.cloud:type=Accounts — finding an account by its email address or its computer's subdomain. */
public interface AccountsMBean {

    /** The account as open data (any JMX client shows it): user_id, email, subdomain, subscription, computer. */
    CompositeData lookup(String emailOrSubdomain);

    /** The same, as one readable line. */
    String describe(String emailOrSubdomain);
}
