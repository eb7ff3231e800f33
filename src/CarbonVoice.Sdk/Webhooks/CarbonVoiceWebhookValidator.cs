using System.Security.Cryptography;
using System.Text;

namespace CarbonVoice.Sdk;

/// <summary>Checks the static webhook header in constant time (no HMAC exists for Carbon Voice webhooks).</summary>
public sealed class CarbonVoiceWebhookValidator
{
    private readonly byte[]? _expectedHash;

    /// <summary>Creates the validator.</summary>
    /// <param name="options">The header name and expected value.</param>
    public CarbonVoiceWebhookValidator(CarbonVoiceWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.HeaderName);
        HeaderName = options.HeaderName;
        _expectedHash = string.IsNullOrEmpty(options.Secret) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.Secret));
    }

    /// <summary>The header to read.</summary>
    public string HeaderName { get; }

    /// <summary>Whether a secret is configured; without one every delivery is refused.</summary>
    public bool IsConfigured => _expectedHash is not null;

    /// <summary>Whether the presented header value equals the configured secret, compared in constant time. Missing values and an unconfigured secret are refused.</summary>
    /// <param name="presentedValue">The header value the request carried, or null.</param>
    public bool IsValid(string? presentedValue)
    {
        if (_expectedHash is null || string.IsNullOrEmpty(presentedValue))
        {
            return false;
        }

        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presentedValue));
        return CryptographicOperations.FixedTimeEquals(presentedHash, _expectedHash);
    }

    /// <summary>Reads <see cref="HeaderName"/> with <paramref name="getHeader"/> (for example <c>name =&gt; request.Headers[name]</c>) and validates it. A header sent more than once is refused.</summary>
    /// <param name="getHeader">Returns the header's values for a name.</param>
    public bool IsValid(Func<string, IEnumerable<string>?> getHeader)
    {
        ArgumentNullException.ThrowIfNull(getHeader);
        var values = getHeader(HeaderName)?.ToList();
        return values is { Count: 1 } && IsValid(values[0]);
    }
}
