namespace CollabBot.Core.Features.Pulse;

// Action and callback ids of the pulse, declared once.
internal static class PulseActions
{
    public const string Open = "pulse.open";
    public const string Submit = "pulse.submit";
    public const string View = "pulse.view";
    public const string Comment = "comment";
    public const string Round = "r";
}
