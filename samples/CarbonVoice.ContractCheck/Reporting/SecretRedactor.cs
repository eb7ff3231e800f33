namespace CarbonVoice.ContractCheck;

/// <summary>Removes the credential from any text the check writes (belt and braces: the SDK already keeps credentials out of its messages).</summary>
internal sealed class SecretRedactor
{
    /// <summary>What replaces the secret.</summary>
    public const string Mask = "[redacted]";

    private readonly string _secret;

    public SecretRedactor(string secret) => _secret = secret;

    /// <summary>The text with every occurrence of the secret replaced by <see cref="Mask"/>.</summary>
    public string? Redact(string? text)
        => string.IsNullOrEmpty(text) || _secret.Length == 0 ? text : text.Replace(_secret, Mask, StringComparison.Ordinal);
}
