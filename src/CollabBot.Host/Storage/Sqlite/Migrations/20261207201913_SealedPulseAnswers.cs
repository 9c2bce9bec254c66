using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabBot.Host.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SealedPulseAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnsweredAt",
                table: "PulseParticipations");

            migrationBuilder.DropColumn(
                name: "RemindedAt",
                table: "PulseParticipations");

            migrationBuilder.AddColumn<int>(
                name: "AnonymityThreshold",
                table: "PulseRounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnswerHours",
                table: "PulseRounds",
                type: "TEXT",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Published",
                table: "PulseRounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "RemindedAt",
                table: "PulseRounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "AnsweredAt",
                table: "PulseResponses",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.CreateTable(
                name: "PulseAnswerMarks",
                columns: table => new
                {
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    Mark = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    WorkspaceId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseAnswerMarks", x => new { x.RoundId, x.Mark });
                    table.ForeignKey(
                        name: "FK_PulseAnswerMarks_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseSealedAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<long>(type: "INTEGER", nullable: false),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    Hour = table.Column<int>(type: "INTEGER", nullable: false),
                    Sealed = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseSealedAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PulseSealedAnswers_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PulseRounds_TeamId_Week",
                table: "PulseRounds",
                columns: new[] { "TeamId", "Week" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PulseSealedAnswers_RoundId",
                table: "PulseSealedAnswers",
                column: "RoundId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PulseAnswerMarks");

            migrationBuilder.DropTable(
                name: "PulseSealedAnswers");

            migrationBuilder.DropIndex(
                name: "IX_PulseRounds_TeamId_Week",
                table: "PulseRounds");

            migrationBuilder.DropColumn(
                name: "AnonymityThreshold",
                table: "PulseRounds");

            migrationBuilder.DropColumn(
                name: "AnswerHours",
                table: "PulseRounds");

            migrationBuilder.DropColumn(
                name: "Published",
                table: "PulseRounds");

            migrationBuilder.DropColumn(
                name: "RemindedAt",
                table: "PulseRounds");

            migrationBuilder.AlterColumn<long>(
                name: "AnsweredAt",
                table: "PulseResponses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AnsweredAt",
                table: "PulseParticipations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RemindedAt",
                table: "PulseParticipations",
                type: "INTEGER",
                nullable: true);
        }
    }
}
