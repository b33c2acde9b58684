package dev.wireplug.adapters.wireguard.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An nvlist as libnv(3) holds it: name/value pairs in insertion order (which is the order they are
 * packed in). Lookups find the first pair of the name and type asked for, as
 * {@code nvlist_exists_<type>}/{@code nvlist_get_<type>} do.
 */
record Nvlist(List<Pair> pairs) {
    record Pair(String name, NvValue value) {
        Pair {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    Nvlist {
        pairs = List.copyOf(pairs);
    }

    static Builder builder() {
        return new Builder();
    }

    private <T extends NvValue> Optional<T> find(String name, Class<T> type) {
        return pairs.stream()
                .filter(p -> p.name().equals(name) && type.isInstance(p.value()))
                .map(p -> type.cast(p.value()))
                .findFirst();
    }

    Optional<Long> number(String name) {
        return find(name, NvValue.Number.class).map(NvValue.Number::value);
    }

    Optional<Boolean> bool(String name) {
        return find(name, NvValue.Bool.class).map(NvValue.Bool::value);
    }

    Optional<byte[]> binary(String name) {
        return find(name, NvValue.Binary.class).map(NvValue.Binary::value);
    }

    Optional<Nvlist> nvlist(String name) {
        return find(name, NvValue.Nested.class).map(NvValue.Nested::value);
    }

    /** An absent array reads as an empty list: libnv cannot even hold an array of no elements. */
    List<Nvlist> nvlistArray(String name) {
        return find(name, NvValue.NvlistArray.class).map(NvValue.NvlistArray::value).orElse(List.of());
    }

    static final class Builder {
        private final List<Pair> pairs = new ArrayList<>();

        Builder add(String name, NvValue value) {
            pairs.add(new Pair(name, value));
            return this;
        }

        Builder number(String name, long value) {
            return add(name, new NvValue.Number(value));
        }

        Builder bool(String name, boolean value) {
            return add(name, new NvValue.Bool(value));
        }

        Builder binary(String name, byte[] value) {
            return add(name, new NvValue.Binary(value));
        }

        Builder nvlist(String name, Nvlist value) {
            return add(name, new NvValue.Nested(value));
        }

        Builder nvlistArray(String name, List<Nvlist> value) {
            return add(name, new NvValue.NvlistArray(value));
        }

        Nvlist build() {
            return new Nvlist(pairs);
        }
    }
}
