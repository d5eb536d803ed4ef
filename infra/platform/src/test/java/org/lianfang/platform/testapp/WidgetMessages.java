package org.lianfang.platform.testapp;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

final class WidgetMessages {

    private WidgetMessages() {
    }

    record CreateWidget(@TargetAggregateIdentifier String widgetId, String name, List<String> personIds)
            implements PersonScoped {
    }

    /** Not person-scoped: inherits the command's person ids. */
    record WidgetCreated(String widgetId, String name) {
    }

    record AssignWidget(@TargetAggregateIdentifier String widgetId, String personId) {
    }

    /** Person-scoped: names exactly its own person. */
    record WidgetAssigned(String widgetId, String personId) implements PersonScoped {
        @Override
        public List<String> personIds() {
            return List.of(personId);
        }
    }
}
