package org.lianfang.platform.testapp;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.RuleViolationException;

@Aggregate(snapshotTriggerDefinition = "widgetSnapshotTrigger")
class Widget {

    @AggregateIdentifier
    private String widgetId;
    private String assignee;

    Widget() {
    }

    @CommandHandler
    Widget(WidgetMessages.CreateWidget command) {
        apply(new WidgetMessages.WidgetCreated(command.widgetId(), command.name()));
    }

    @CommandHandler
    void handle(WidgetMessages.AssignWidget command) {
        if (command.personId().equals(assignee)) {
            throw new RuleViolationException("widget-already-assigned", "The widget is already assigned to this person.");
        }
        apply(new WidgetMessages.WidgetAssigned(widgetId, command.personId()));
    }

    @EventSourcingHandler
    void on(WidgetMessages.WidgetCreated event) {
        widgetId = event.widgetId();
    }

    @EventSourcingHandler
    void on(WidgetMessages.WidgetAssigned event) {
        assignee = event.personId();
    }
}
