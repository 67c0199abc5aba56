package dev.tokend.cli;

import dev.tokend.sdk.model.AllowListTarget;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --allow <type>:<uuid>}: one allow-list entry, where either part may be {@code *}. The
 * shape and the id are checked here, so a typo is a usage error before any request; the server
 * still decides which resource types exist.
 */
final class AllowListConverter implements ITypeConverter<AllowListTarget> {
    private static final Pattern UUID_OR_WILDCARD =
            Pattern.compile("\\*|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Override
    public AllowListTarget convert(String value) {
        AllowListTarget target;
        try {
            target = AllowListTarget.parse(value.strip());
        } catch (IllegalArgumentException e) {
            // NOTE: "invalid allow_list entry" is the reference CLI's wording; scripts match it.
            throw new TypeConversionException("invalid allow_list entry \"" + value + "\": want <type>:<uuid>, "
                    + "e.g. workspace:*, or *:*");
        }
        if (!UUID_OR_WILDCARD.matcher(target.id()).matches()) {
            throw new TypeConversionException("invalid allow_list entry \"" + value + "\": the id must be a UUID or *");
        }
        return new AllowListTarget(target.type(), target.id().toLowerCase(Locale.ROOT));
    }
}
