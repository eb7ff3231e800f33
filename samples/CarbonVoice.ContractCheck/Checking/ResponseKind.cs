namespace CarbonVoice.ContractCheck;

/// <summary>What a route answers, as the SDK reads it.</summary>
public enum ResponseKind
{
    /// <summary>One object (possibly wrapped, e.g. <c>{"message": {...}}</c>).</summary>
    Single = 0,

    /// <summary>A list the SDK reads in one request.</summary>
    List = 1,

    /// <summary>A list the SDK pages through.</summary>
    PagedList = 2,
}
