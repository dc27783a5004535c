package org.dsplatform.common.request;

import java.util.List;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Reads JSON request bodies strictly, so that a malformed or mistyped request is refused
 * (400) instead of half understood: an unknown field, a value of the wrong JSON type
 * ({@code "1000"} or {@code 1000.5} for a whole number, {@code 5} or {@code true} for a
 * string, {@code 1} for a boolean), a field given twice, or anything after the body's
 * value. Answers are written as before: only reading changes, and only for request
 * bodies; the service's shared {@code JsonMapper} (used, for example, to read Kafka
 * events, where new fields must be tolerated) is not touched.
 */
public class StrictJsonBodies implements WebMvcConfigurer {

	@Override
	public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
		converters.replaceAll((converter) -> (converter.getClass() == JacksonJsonHttpMessageConverter.class)
				? new JacksonJsonHttpMessageConverter(strict(((JacksonJsonHttpMessageConverter) converter).getMapper()))
				: converter);
	}

	/**
	 * A copy of the mapper that reads strictly; it writes as the original does.
	 */
	public static JsonMapper strict(JsonMapper mapper) {
		return mapper.rebuild()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.build();
	}

}
