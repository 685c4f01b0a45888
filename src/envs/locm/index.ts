// Legends of Code and Magic 1.2 and 1.5: the exact engine, the referee match (text protocol,
// warnings, hard errors), the card data and generator, the TurnBasedEnv view and the agents.
export {
  CARDS_12, CardListError, describeCard, keywordString, parseCardList, parseKeywords, AREA_NAMES, TYPE_NAMES,
  CREATURE, GREEN_ITEM, RED_ITEM, BLUE_ITEM, BREAKTHROUGH, CHARGE, DRAIN, GUARD, LETHAL, WARD, AREA_TARGET, AREA_LANE1, AREA_LANE2,
  type Card, type CardType, type Area,
} from './cards.js';
export { CARD_WEIGHTS_15, formatGeneratedCards, generateCards15 } from './generator.js';
export { JavaRandom, javaShuffle, parseJavaLong, type JavaSeed } from './java-random.js';
export {
  LocmGame, LocmEngineError, PASS, SUMMON, ATTACK, USE, ACTION_NAMES, MAX_LEGAL, MAX_HAND, LANE_SIZE, TURN_LIMIT, actionText,
  F_CARD, F_TYPE, F_COST, F_ATK, F_DEF, F_KW, F_MY, F_OPP, F_DRAW, F_AREA, F_LANE, F_CAN_ATTACK, F_HAS_ATTACKED, F_OWNER, F_LOC,
  LOC_DECK, LOC_HAND, LOC_BOARD, LOC_GONE, type DeckSpec, type IdScheme, type Version,
} from './engine.js';
export {
  LocmMatch, battleDecks, constructedList, deriveMatchSeeds, draftTriples, parsePredefinedDraft,
  type MatchOptions, type MatchSeeds, type Phase,
} from './match.js';
export {
  ProtocolError, parseBattleLine, parseConstructedAnswer, parseDraftAnswer, parseJavaInt, offerCardLine, draftInputLines, constructedInputLines,
  type ParsedAction,
} from './protocol.js';
export { LocmEnv, NUM_BATTLE_ACTIONS, cardFeatureSize, observationLayout, writeCardFeatures, type LocmEnvOptions } from './env.js';
export { LocmRunner, type GameResult } from './play.js';
export { parseRecordedMatch, splitInputBlocks, DatasetError, COMPARED_SUMMARY_LINE, type RecordedMatch } from './dataset.js';
export { replayRecordedMatch, type ReplayMismatch } from './replay.js';
export { runFuzz, fuzzAnswer, FuzzInvariantError, type FuzzReport } from './fuzz.js';
export * from './agents/index.js';
