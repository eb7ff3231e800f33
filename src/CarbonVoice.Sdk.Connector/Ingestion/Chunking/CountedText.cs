namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>A chunk text with its exact token count.</summary>
internal readonly record struct CountedText(string Text, int Tokens);
