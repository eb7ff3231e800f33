namespace CarbonVoice.Sdk;

/// <summary>
/// An <see cref="ITokenProtector"/> that does <b>not</b> encrypt: tokens are stored as plain JSON, readable by anyone
/// who can read the store. Use it only when the store is encrypted by other means, or in tests; it exists so that
/// storing tokens in clear text is always a visible, deliberate choice.
/// </summary>
public sealed class UnprotectedTokenProtector : ITokenProtector
{
    private UnprotectedTokenProtector()
    {
    }

    /// <summary>The single instance.</summary>
    public static UnprotectedTokenProtector Instance { get; } = new();

    /// <inheritdoc />
    public byte[] Protect(byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return plaintext;
    }

    /// <inheritdoc />
    public byte[] Unprotect(byte[] protectedData)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        return protectedData;
    }
}
