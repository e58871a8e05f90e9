/**
 * Personal-name data for the privacy rule of the network (./personal.ts): words that, in a bank
 * text's key, name a private person. Data, not logic.
 *
 * Provenance, honestly: there is no network access where this was written and no maintained npm
 * package of Swedish name statistics was found in the package lists available here, so the lists
 * were compiled by hand by a kontera maintainer from general knowledge of the most common Swedish
 * given names and surnames, of the kind Statistics Sweden (SCB) publishes each year ("Namn­statistik").
 * They are NOT copied from SCB's files and carry no counts. Replace them with SCB's published
 * tables when those can be fetched (same shape: one upper-case word per entry).
 *
 * Left out on purpose, because on a bank line they are more often an ordinary word, a place, a
 * legal form or a merchant than a person: BO ("bo"), INGA ("inga"), LIV (insurance: "SKANDIA LIV"),
 * LOVE, MAX (the burger chain), PER ("per månad"), MAJ (a month), LUND (a city), BERG, HOLM, STRÖM
 * ("ström" = electricity), EK (EK FÖR, ekonomisk förening). Surnames ending in -SSON are caught by
 * their ending (./personal.ts), so only a few of them are listed.
 */

/** Common Swedish given names (women's and men's), upper case. */
export const GIVEN_NAMES: readonly string[] = [
  // women
  'AGNES', 'AGNETA', 'ALICE', 'ALMA', 'ALVA', 'AMANDA', 'ANETTE', 'ANN', 'ANNA', 'ANNELI', 'ANNIKA', 'ASTRID',
  'BIRGITTA', 'BRITT', 'CAMILLA', 'CAROLINA', 'CAROLINE', 'CECILIA', 'CHARLOTTE', 'CHRISTINA', 'CLARA', 'EBBA',
  'ELIN', 'ELISABET', 'ELISABETH', 'ELLA', 'ELLEN', 'ELSA', 'EMELIE', 'EMILIA', 'EMMA', 'ERIKA', 'EVA', 'FRIDA',
  'FREJA', 'GUNILLA', 'HANNA', 'HANNAH', 'HELENA', 'HELENE', 'IDA', 'INGEGERD', 'INGER', 'INGRID', 'ISABELLE',
  'JENNY', 'JESSICA', 'JOHANNA', 'JOSEFIN', 'JOSEFINE', 'JULIA', 'KARIN', 'KATARINA', 'KERSTIN', 'KRISTINA',
  'LENA', 'LILLY', 'LINDA', 'LINN', 'LINNEA', 'LINNÉA', 'LISA', 'LOUISE', 'LOVISA', 'MAJA', 'MALIN', 'MARGARETA',
  'MARIA', 'MARIANNE', 'MARIE', 'MATILDA', 'MAUD', 'MOA', 'MONICA', 'NORA', 'OLIVIA', 'PERNILLA', 'SAGA',
  'SARA', 'SARAH', 'SELMA', 'SIGRID', 'SIRI', 'SIV', 'SOFIA', 'SOFIE', 'STELLA', 'SUSANNE', 'THERESE', 'TILDA',
  'ULLA', 'ULRIKA', 'VERA', 'VICTORIA', 'VIKTORIA', 'VILMA', 'WILMA', 'YVONNE', 'ÅSA',
  // men
  'ADAM', 'ALBIN', 'ALEXANDER', 'ALFRED', 'ALVAR', 'ANDERS', 'ANDREAS', 'ANTON', 'ARNE', 'ARVID', 'AXEL',
  'BENGT', 'BERTIL', 'BJÖRN', 'CARL', 'CHRISTER', 'CHRISTIAN', 'CLAES', 'CLAS', 'DANIEL', 'DAVID', 'DENNIS',
  'EDVIN', 'ELIAS', 'EMIL', 'ERIK', 'FILIP', 'FREDRIK', 'GUNNAR', 'GUSTAV', 'GUSTAF', 'GÖRAN', 'GÖSTA',
  'HAMPUS', 'HANS', 'HARALD', 'HENRIK', 'HUGO', 'INGEMAR', 'ISAK', 'JACOB', 'JAKOB', 'JAN', 'JESPER', 'JIMMY',
  'JOAKIM', 'JOHAN', 'JOHN', 'JONAS', 'JONATAN', 'KARL', 'KENNETH', 'KEVIN', 'KJELL', 'KURT', 'LARS',
  'LENNART', 'LEIF', 'LEO', 'LIAM', 'LUCAS', 'LUDVIG', 'MAGNUS', 'MARCUS', 'MARKUS', 'MARTIN', 'MATS',
  'MATTIAS', 'MELVIN', 'MIKAEL', 'MICHAEL', 'NIKLAS', 'NILS', 'NOAH', 'OLLE', 'OLOF', 'OLIVER', 'OSCAR',
  'OSKAR', 'PATRIK', 'PETER', 'PONTUS', 'PÄR', 'RASMUS', 'ROBERT', 'ROBIN', 'ROGER', 'ROLF', 'RUNE',
  'SEBASTIAN', 'SIMON', 'SIXTEN', 'STEFAN', 'STIG', 'SVEN', 'THEO', 'THOMAS', 'TOBIAS', 'TOMAS', 'TORBJÖRN',
  'ULF', 'VIKTOR', 'VINCENT', 'WILLIAM', 'ÅKE',
];

/** Common Swedish surnames not ending in -SSON, upper case. */
export const SURNAMES: readonly string[] = [
  'ABRAHAMSSON', 'BERGGREN', 'BERGLUND', 'BERGMAN', 'BERGQVIST', 'BERGSTRÖM', 'BJÖRK', 'BJÖRKLUND', 'BLOM',
  'BLOMQVIST', 'DAHL', 'DAHLBERG', 'EKLUND', 'EKSTRÖM', 'ENGSTRÖM', 'FALK', 'FORSBERG', 'HEDLUND', 'HELLSTRÖM',
  'HOLMBERG', 'HOLMGREN', 'HOLMQVIST', 'JOHANSEN', 'HANSEN', 'LIND', 'LINDBERG', 'LINDBLOM', 'LINDELL', 'LINDGREN',
  'LINDHOLM', 'LINDQVIST', 'LINDSTRÖM', 'LUNDBERG', 'LUNDGREN', 'LUNDIN', 'LUNDQVIST', 'LUNDSTRÖM', 'LÖFGREN',
  'NORBERG', 'NORDIN', 'NORDSTRÖM', 'NYBERG', 'NYLUND', 'NYSTRÖM', 'SANDBERG', 'SANDSTRÖM', 'SJÖBERG', 'SJÖGREN',
  'STRÖMBERG', 'SUNDBERG', 'SUNDQVIST', 'SÖDERBERG', 'SÖDERSTRÖM', 'VIKLUND', 'WALLIN', 'WIKSTRÖM', 'ÅBERG', 'ÖBERG',
];

/**
 * Merchant and brand keys that contain a listed name yet name a business, so they stay shareable.
 * A key counts as a known merchant when it starts with one of these.
 */
export const NAMED_MERCHANTS: readonly string[] = ['CLAS OHLSON', 'HUGO BOSS', 'BJÖRN BORG', 'DANIEL WELLINGTON', 'JOHN DEERE', 'MARTIN & SERVERA', 'MARTIN SERVERA'];
