namespace CarbonVoice.Sdk.Testing;

internal delegate void EndpointHandler(RequestContext context);
