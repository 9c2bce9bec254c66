namespace CollabBot.Host.Legal;

// Legal:Operator names who runs this installation; Legal:Contact is how people reach them
// (an email address or a URL). Both appear on /privacy and /terms; unset, the pages say so in
// general words (the organisation running the server, the team's CollabBot admin).
internal sealed class LegalOptions
{
    public const int MaxLength = 200;

    public string? Operator { get; set; }
    public string? Contact { get; set; }

    public static LegalOptions From(IConfiguration config)
    {
        var o = config.GetSection("Legal").Get<LegalOptions>() ?? new LegalOptions();
        if (o.Operator?.Length > MaxLength || o.Contact?.Length > MaxLength)
            throw new InvalidOperationException($"Legal:Operator and Legal:Contact must be at most {MaxLength} characters.");
        return o;
    }
}
