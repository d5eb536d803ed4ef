package org.lianfang.platform.privacy;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;

/**
 * What {@link PersonalData} a record type carries and whose it is, read once per type. A type
 * whose personal data has no determinable subject is refused at the first write: storing it in
 * plain text silently would defeat the purpose.
 */
final class PersonalFields {

    private static final Map<Class<?>, PersonalFields> CACHE = new ConcurrentHashMap<>();
    private static final PersonalFields NONE = new PersonalFields(List.of());
    private static final ClassValue<Map<String, Class<?>>> COMPONENT_TYPES = new ClassValue<>() {
        @Override
        protected Map<String, Class<?>> computeValue(Class<?> type) {
            Map<String, Class<?>> types = new HashMap<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    types.put(component.getName(), component.getType());
                }
            }
            return Map.copyOf(types);
        }
    };

    /** One personal component: its JSON name, and the component naming its subject ("" = the event's person). */
    record Field(String name, String subjectComponent) {
    }

    private final List<Field> fields;

    private PersonalFields(List<Field> fields) {
        this.fields = fields;
    }

    static PersonalFields of(Class<?> type) {
        if (type == null || !type.isRecord()) {
            return NONE;
        }
        return CACHE.computeIfAbsent(type, PersonalFields::read);
    }

    List<Field> fields() {
        return fields;
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The declared type of a record's component, or null if unknown. */
    static Class<?> componentType(Class<?> type, String component) {
        return type == null ? null : COMPONENT_TYPES.get(type).get(component);
    }

    private static PersonalFields read(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        String subject = "";
        Map<String, Class<?>> types = COMPONENT_TYPES.get(type);
        for (RecordComponent component : components) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                subject = component.getName();
            }
        }
        List<Field> fields = new ArrayList<>();
        for (RecordComponent component : components) {
            PersonalData personal = component.getAnnotation(PersonalData.class);
            if (personal == null) {
                continue;
            }
            String fieldSubject = personal.subject().isEmpty() ? subject : personal.subject();
            if (fieldSubject.isEmpty() && !PersonScoped.class.isAssignableFrom(type)) {
                throw new IllegalStateException(type.getName() + "." + component.getName()
                        + " is @PersonalData but names no subject: mark a component @DataSubject");
            }
            if (!fieldSubject.isEmpty() && !types.containsKey(fieldSubject)) {
                throw new IllegalStateException(type.getName() + "." + component.getName()
                        + " names the subject component '" + fieldSubject + "', which does not exist");
            }
            fields.add(new Field(component.getName(), fieldSubject));
        }
        return fields.isEmpty() ? NONE : new PersonalFields(List.copyOf(fields));
    }
}
