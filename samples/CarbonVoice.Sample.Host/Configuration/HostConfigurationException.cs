namespace CarbonVoice.Sample.Host.Configuration;

/// <summary>A setting the host cannot start with; Program prints its message as one line and exits with 1.</summary>
public sealed class HostConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public HostConfigurationException()
    {
    }

    /// <summary>Creates the exception with the sentence to print.</summary>
    /// <param name="message">What is wrong and what to set.</param>
    public HostConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the sentence to print and its cause.</summary>
    /// <param name="message">What is wrong and what to set.</param>
    /// <param name="innerException">The cause.</param>
    public HostConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
