using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CollabBot.Host.Storage.Postgres.Migrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnswerHours",
                table: "PulseRounds",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Published",
                table: "PulseRounds",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RemindedAt",
                table: "PulseRounds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "AnsweredAt",
                table: "PulseResponses",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone");

            migrationBuilder.CreateTable(
                name: "PulseAnswerMarks",
                columns: table => new
                {
                    RoundId = table.Column<long>(type: "bigint", nullable: false),
                    Mark = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    WorkspaceId = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkspaceId = table.Column<long>(type: "bigint", nullable: false),
                    RoundId = table.Column<long>(type: "bigint", nullable: false),
                    Hour = table.Column<int>(type: "integer", nullable: false),
                    Sealed = table.Column<byte[]>(type: "bytea", nullable: false)
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

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "AnsweredAt",
                table: "PulseResponses",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)),
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone",
                oldNullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AnsweredAt",
                table: "PulseParticipations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RemindedAt",
                table: "PulseParticipations",
                type: "timestamp with time zone",
                nullable: true);
        }
    }
}
