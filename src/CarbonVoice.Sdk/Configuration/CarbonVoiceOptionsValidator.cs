using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Validates the data annotations of <see cref="CarbonVoiceOptions"/> (source generated).</summary>
[OptionsValidator]
internal sealed partial class CarbonVoiceOptionsValidator : IValidateOptions<CarbonVoiceOptions>
{
}
