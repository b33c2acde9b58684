package dev.wireplug.domain.nat.policy;

import dev.wireplug.domain.nat.PortMapping;
import java.util.Optional;

/** What {@code status} shows: the phase, and the mapping with its trust when one is held. */
public record MappingStatus(PortMappingPolicy.Phase phase, Optional<PortMapping> mapping, Optional<MappingTrust> trust) {}
