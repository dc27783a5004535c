package org.dsplatform.lock.api;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.MethodParameter;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.DeferredResultMethodReturnValueHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor;

/**
 * Writes a {@link DeferredResult} that already holds its value on the request's thread,
 * as if the handler had returned the value; one still pending goes the asynchronous way.
 * Spring MVC would otherwise dispatch even a settled result a second time through the
 * container and the whole filter chain, which was about an eighth of a lock node's work
 * under uncontended acquires (which do not wait, see {@link Deferred#of}).
 */
final class SettledAnswers implements HandlerMethodReturnValueHandler {

	private final HandlerMethodReturnValueHandler body;

	private final HandlerMethodReturnValueHandler deferred;

	private SettledAnswers(HandlerMethodReturnValueHandler body, HandlerMethodReturnValueHandler deferred) {
		this.body = body;
		this.deferred = deferred;
	}

	/**
	 * Puts the handler in the adapter's chain in place of Spring MVC's
	 * {@link DeferredResult} handler, which it delegates to for pending results.
	 */
	static SmartInitializingSingleton installer(RequestMappingHandlerAdapter adapter) {
		return () -> {
			List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>(adapter.getReturnValueHandlers());
			HandlerMethodReturnValueHandler body = handlers.stream()
				.filter(RequestResponseBodyMethodProcessor.class::isInstance)
				.findFirst()
				.orElseThrow();
			handlers.replaceAll((handler) -> (handler instanceof DeferredResultMethodReturnValueHandler)
					? new SettledAnswers(body, handler) : handler);
			adapter.setReturnValueHandlers(handlers);
		};
	}

	@Override
	public boolean supportsReturnType(MethodParameter returnType) {
		return this.deferred.supportsReturnType(returnType);
	}

	@Override
	public void handleReturnValue(Object returnValue, MethodParameter returnType, ModelAndViewContainer container,
			NativeWebRequest request) throws Exception {
		if (returnValue instanceof DeferredResult<?> result && result.hasResult()
				&& !(result.getResult() instanceof Throwable)) {
			this.body.handleReturnValue(result.getResult(), returnType.nested(), container, request);
		}
		else {
			this.deferred.handleReturnValue(returnValue, returnType, container, request);
		}
	}

}
