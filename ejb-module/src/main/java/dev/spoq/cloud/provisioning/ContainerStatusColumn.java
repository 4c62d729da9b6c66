package dev.spoq.cloud.provisioning;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores statuses in the lower case the API and the schema's CHECK use. */
@Converter
public class ContainerStatusColumn implements AttributeConverter<ContainerStatus, String> {

    @Override
    public String convertToDatabaseColumn(ContainerStatus status) {
        return status == null ? null : status.wireName();
    }

    @Override
    public ContainerStatus convertToEntityAttribute(String column) {
        return column == null ? null : ContainerStatus.ofWireName(column);
    }
}
