namespace CarbonVoice.ContractCheck;

/// <summary>One read-only route of the SDK that the check calls.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Template">The path template, spelled as in <c>docs/WIRE_CONTRACT.md</c>.</param>
/// <param name="Evidence">The evidence level.</param>
/// <param name="EvidenceSource">Where the level comes from: the wire contract's row or section marker, or the facts file when the contract has none.</param>
/// <param name="SdkMember">The SDK member that calls the route, e.g. <c>Messages.ListHistoryAsync</c>.</param>
/// <param name="ResponseKind">One object, a list, or a paged list.</param>
/// <param name="ItemType">The SDK model of the object or of each item; null when the items are not models (message id strings).</param>
/// <param name="Wrapper">The key the SDK unwraps a single object from (<c>{"user": {...}}</c>), if any.</param>
public sealed record RouteDefinition(
    string Method,
    string Template,
    EvidenceLevel Evidence,
    string EvidenceSource,
    string SdkMember,
    ResponseKind ResponseKind,
    Type? ItemType,
    string? Wrapper = null)
{
    /// <summary>The route as <c>METHOD /template</c>.</summary>
    public string Route => $"{Method} {Template}";

    /// <summary>The route.</summary>
    public override string ToString() => Route;
}
