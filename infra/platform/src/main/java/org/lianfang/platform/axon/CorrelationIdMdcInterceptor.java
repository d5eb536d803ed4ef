package org.lianfang.platform.axon;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.lianfang.contracts.MetadataKeys;
import org.slf4j.MDC;

/**
 * Puts the message's correlation id in the logging context while it is handled, so a log line
 * written by an event processor thread can be traced to the request that started it.
 */
final class CorrelationIdMdcInterceptor implements MessageHandlerInterceptor<Message<?>> {

    static final String MDC_KEY = "correlationId";

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object correlationId = unitOfWork.getMessage().getMetaData().get(MetadataKeys.CORRELATION_ID);
        if (correlationId == null) {
            return chain.proceed();
        }
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, correlationId.toString());
        try {
            return chain.proceed();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
